import type { Page } from "@playwright/test";
import { AXE_RULES, WCAG_22_AA, expect } from "./fixtures";

/** The two widths every page must work at: a common laptop and a common phone. */
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * What is wrong with the page's layout at the current width, one line each: the page scrolls
 * sideways (and what sticks out), a control is cut off at the screen's edge, or two visible
 * controls sit on top of each other.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (element: Element) => {
      const text = (
        element.getAttribute("aria-label") ??
        (element as HTMLElement).innerText ??
        element.getAttribute("name") ??
        ""
      )
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 40);
      const className = element.getAttribute("class");
      return `${element.tagName.toLowerCase()}${className ? `.${className.split(" ")[0]}` : ""} “${text}”`;
    };

    const root = document.scrollingElement!;
    if (root.scrollWidth > root.clientWidth + 1) {
      // The innermost elements reaching past the right edge: the ones to fix.
      const wide = [...document.body.querySelectorAll("*")].filter((element) => {
        if (!element.checkVisibility({ contentVisibilityAuto: true })) return false;
        if (element.getBoundingClientRect().right <= root.clientWidth + 1) return false;
        return ![...element.children].some(
          (child) => child.getBoundingClientRect().right > root.clientWidth + 1,
        );
      });
      problems.push(
        `scrolls sideways (${root.scrollWidth}px in ${root.clientWidth}px): ${wide
          .slice(0, 4)
          .map(describe)
          .join(", ")}`,
      );
    }

    // A menu or popover floats above the page on purpose: what it covers is not an overlap.
    const floatingLayer = (element: Element) => {
      for (let at: Element | null = element; at; at = at.parentElement) {
        const style = getComputedStyle(at);
        if (["absolute", "fixed"].includes(style.position) && Number(style.zIndex) > 0) return at;
      }
      return null;
    };
    const controls = [
      ...document.querySelectorAll<HTMLElement>(
        "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]",
      ),
    ]
      .filter((element) =>
        element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }),
      )
      // A link that wraps onto a second line is two boxes; the rectangle around both is not.
      .map((element) => ({
        element,
        layer: floatingLayer(element),
        boxes: [...element.getClientRects()].filter(
          // Visually hidden controls (skip links, screen-reader text) are a pixel or off the page.
          (box) => box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0,
        ),
      }))
      .filter(({ boxes }) => boxes.length > 0);
    // A control past the screen's edge, inside a strip that scrolls sideways with no cue (as the
    // phone's top navigation was, cut at "Ro…"). A table scrolls in its own framed box: not that.
    for (const { element, boxes } of controls) {
      if (element.closest(".table-wrap")) continue;
      if (boxes.some((box) => box.right > root.clientWidth + 1 || box.left < -1)) {
        problems.push(`${describe(element)} is cut off at the edge of the screen`);
      }
    }
    const overlap = (a: DOMRect, b: DOMRect) => {
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      // A shared border or a pixel of rounding is not an overlap.
      return across > 2 && down > 2;
    };
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i];
        const b = controls[j];
        if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
        if (a.layer !== b.layer) continue;
        if (a.boxes.some((boxA) => b.boxes.some((boxB) => overlap(boxA, boxB)))) {
          problems.push(`${describe(a.element)} overlaps ${describe(b.element)}`);
        }
      }
    }
    return problems;
  });
}

/** Waits for the page to have hydrated: some controls only show once JavaScript runs. */
export async function hydrated(page: Page) {
  await expect(page.locator("html.js")).toHaveCount(1);
}

/**
 * On a phone, every top-navigation link is reachable: behind the labelled "Menu" disclosure,
 * inside the screen once it is open.
 */
export async function expectNavigationReachable(
  page: Page,
  links: string[],
  whileOpen?: () => Promise<void>,
) {
  const menu = page.locator("summary", { hasText: /^Menu$/ });
  await expect(menu).toBeVisible();
  await menu.click();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of links) {
    // The first: an admin's menu has a Spaces of its own, after the community's.
    const link = nav.getByRole("link", { name, exact: true }).first();
    await expect(link).toBeVisible();
    await expect(link).toBeInViewport({ ratio: 1 });
  }
  await whileOpen?.();
  await menu.click();
}

/**
 * Loads axe into every page the context opens, once, instead of sending its 1.3 MB source with
 * each check as AxeBuilder does: a suite that checks dozens of pages spends most of its time
 * there otherwise.
 */
export async function preloadAxe(page: Page) {
  const { default: axe } = await import("axe-core");
  await page.context().addInitScript({ content: axe.source });
}

/** expectAccessible's checks (WCAG 2.2 AA), run by the axe that preloadAxe put in the page. */
export async function preloadedAxeViolations(page: Page): Promise<string[]> {
  return page.evaluate(
    async ({ tags, rules }) => {
      const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
      const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, rules });
      return results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
      );
    },
    { tags: WCAG_22_AA, rules: AXE_RULES },
  );
}
