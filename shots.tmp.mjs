import { chromium } from "@playwright/test";
const [email, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage({
  viewport: { width: 1280, height: 900 },
  colorScheme: process.env.DARK ? "dark" : "light",
});
page.on("console", (m) => {
  if (m.type() === "error") console.log("CONSOLE", m.text().slice(0, 200));
});
await page.goto("http://localhost:3000/login");
await page.getByLabel("Email").fill(email);
await page.getByLabel("Password").fill("vanguard-demo");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL("http://localhost:3000/");
for (const p of paths) {
  await page.goto("http://localhost:3000" + p);
  await page.waitForTimeout(400);
  if (p.includes("/new")) {
    await page.getByRole("textbox", { name: "Post" }).click();
    await page.keyboard.type("Hello @in");
    await page.waitForTimeout(600);
  }
  const name = p.replace(/[^a-z0-9]+/gi, "_");
  await page.screenshot({ path: `/tmp/shot${name}.png`, fullPage: false });
  console.log("shot", name);
}
await browser.close();
