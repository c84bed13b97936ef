import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "#db/testing/factories";
import {
  createTestTrackedItem,
  createTestTrackerIntegration,
  deliverTestTrackerPayload,
  removeTestTrackerIntegrations,
} from "#db/testing/tracker-deliveries";
import { getBacklogItemById } from "./__endpoints-staff.server";
import { openApiDocument } from "./__openapi.server";

afterEach(removeTestTrackerIntegrations);

/** The endpoint's own answer for a staff token's owner, read by the schema OpenAPI is made from. */
async function detailOf(itemId: string) {
  const viewer = await createUser({ role: "staff" });
  const answer = await getBacklogItemById.handle({
    viewer,
    token: { id: "t", scopes: ["read"] } as never,
    params: { itemId },
    query: {},
    body: undefined,
  });
  return getBacklogItemById.response.parse(answer) as { tracker: unknown; externalUrl: unknown };
}

describe("GET /backlog/{itemId} for staff", () => {
  it("names the issue the item follows, as its tracker last reported it", async () => {
    const tracker = await createTestTrackerIntegration("jira");
    const { id } = await createTestTrackedItem(tracker.issueUrl("PROJ-5"), "planned");
    expect((await detailOf(id)).tracker).toEqual({
      kind: "jira",
      key: "PROJ-5",
      status: null,
      syncedAt: null,
    });
    await deliverTestTrackerPayload(tracker, { key: "PROJ-5", status: "In Review" });
    expect((await detailOf(id)).tracker).toEqual({
      kind: "jira",
      key: "PROJ-5",
      status: "In Review",
      syncedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const { id: plain } = await createTestTrackedItem("https://example.com/tickets/5");
    expect(await detailOf(plain)).toMatchObject({
      tracker: null,
      externalUrl: "https://example.com/tickets/5",
    });
    expect(JSON.stringify(openApiDocument())).toContain("The Jira or Linear issue");
  });
});
