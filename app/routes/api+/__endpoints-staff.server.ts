import { ACCOUNTS_PAGE_SIZE, listAccountsWithTiers } from "~/models/account.server";
import {
  applyAccountImport,
  getAccountImport,
  previewAccountImport,
} from "~/models/account-import.server";
import { AUDIT_LOG_PAGE_SIZE, listAuditLog } from "~/models/audit.server";
import { getBacklogItem } from "~/models/backlog.server";
import { BACKLOG_PAGE_SIZE, listBacklog } from "~/models/backlog-list.server";
import { listMemberDirectory } from "~/models/member-directory.server";
import { Refusal } from "~/models/refusal.server";
import { publicOrigin } from "~/utils/request.server";
import { ApiError } from "./__api-errors.server";
import { endpoint } from "./__endpoint.server";
import { pageCursor } from "./__page-cursor.server";
import {
  AccountImportBodySchema,
  AccountImportSchema,
  AccountListQuerySchema,
  AccountListSchema,
  AccountParamsSchema,
  AccountSchema,
  BacklogItemDetailSchema,
  BacklogListQuerySchema,
  BacklogListSchema,
  BacklogParamsSchema,
  MemberListQuerySchema,
  MemberListSchema,
  MemberParamsSchema,
  MemberSchema,
  ModerationLogQuerySchema,
  ModerationLogSchema,
} from "./__schemas-staff.server";
import { threadUrl } from "./__endpoints-community.server";

// The endpoints of staff, moderators and admins: the backlog, accounts, the moderation log.

type DemandRow = {
  memberCount: number;
  accountCount: number;
  revenueCents: number;
  lifetimeValueCents: number;
  top1RevenueCents: number;
  top10RevenueCents: number;
  criticalCount: number;
  weightedScore: number;
  influenceWeighted: number | null;
};

const demandOut = (row: DemandRow) => ({
  members: row.memberCount,
  accounts: row.accountCount,
  revenueCents: row.revenueCents,
  lifetimeValueCents: row.lifetimeValueCents,
  top1RevenueCents: row.top1RevenueCents,
  top10RevenueCents: row.top10RevenueCents,
  critical: row.criticalCount,
  weightedScore: row.weightedScore,
  influenceWeighted: row.influenceWeighted,
});

const itemUrl = (id: string) => `${publicOrigin()}/staff/backlog/${id}`;

export const listBacklogItems = endpoint({
  method: "get",
  path: "/backlog",
  operationId: "listBacklog",
  summary: "List backlog items",
  description:
    "The backlog with the demand behind each item, filtered and sorted as on the staff's " +
    "backlog page (staff and admin tokens). Orders by demand move as votes come in: a client " +
    "that must see every item exactly once sorts by `newest`.",
  tag: "Backlog",
  scope: "read",
  query: BacklogListQuerySchema,
  response: BacklogListSchema,
  errors: [400],
  handle: async ({ viewer, query }) => {
    const page = pageCursor.decode(query.cursor);
    const { items, total } = await listBacklog(viewer, {
      sort: query.sort,
      status: query.status,
      tagId: query.tag,
      q: query.q,
      page,
    });
    return {
      data: items.map((item) => ({
        id: item.id,
        title: item.title,
        url: itemUrl(item.id),
        status: item.status,
        target: item.target,
        public: item.isPublic,
        owner: item.ownerName,
        tags: item.tags,
        evidenceCount: item.evidenceCount,
        demand: demandOut(item),
        updatedAt: new Date(item.updatedAt).toISOString(),
      })),
      nextCursor: pageCursor.next(page, BACKLOG_PAGE_SIZE, total),
    };
  },
});

export const getBacklogItemById = endpoint({
  method: "get",
  path: "/backlog/{itemId}",
  operationId: "getBacklogItem",
  summary: "Get a backlog item",
  description:
    "One item with its evidence (the threads, posts and quoted passages behind it), the " +
    "demand they add up to, and its status history (staff and admin tokens).",
  tag: "Backlog",
  scope: "read",
  params: BacklogParamsSchema,
  response: BacklogItemDetailSchema,
  errors: [400, 404],
  handle: async ({ viewer, params }) => {
    const item = await getBacklogItem(viewer, params.itemId);
    if (!item) throw new Refusal("No backlog item with this id.", 404);
    return {
      id: item.id,
      title: item.title,
      url: itemUrl(item.id),
      status: item.status,
      target: item.target,
      public: item.isPublic,
      owner: item.ownerName,
      tags: item.tags,
      evidenceCount: item.evidence.length,
      demand: demandOut(item),
      updatedAt: new Date(item.updatedAt).toISOString(),
      description: item.descriptionText,
      externalUrl: item.externalUrl,
      tracker: item.tracker
        ? {
            kind: item.tracker.kind,
            key: item.tracker.key,
            status: item.tracker.status,
            syncedAt: item.tracker.syncedAt ? new Date(item.tracker.syncedAt).toISOString() : null,
          }
        : null,
      createdAt: new Date(item.createdAt).toISOString(),
      shippedAt: item.shippedAt ? new Date(item.shippedAt).toISOString() : null,
      evidence: item.evidence.map((piece) => ({
        id: piece.id,
        kind: piece.kind,
        thread: { id: piece.threadId, title: piece.threadTitle, url: threadUrl(piece.threadId) },
        postId: piece.postId,
        // Words whose author withdrew consent to be evidence: the link stays, the words don't.
        quote: piece.wordsWithdrawn ? null : (piece.quote ?? piece.postExcerpt),
        author: piece.authorName,
        account: piece.authorAccountName,
        addedAt: new Date(piece.createdAt).toISOString(),
      })),
      history: item.history.map((change) => ({
        from: change.fromStatus,
        to: change.toStatus,
        at: new Date(change.createdAt).toISOString(),
        by: change.changedByName,
      })),
    };
  },
});

export const listAccounts = endpoint({
  method: "get",
  path: "/accounts",
  operationId: "listAccounts",
  summary: "List accounts",
  description:
    "Customer accounts with their value data, tier and number of people, filtered and sorted " +
    "as on the admin accounts page (admin tokens).",
  tag: "Accounts",
  scope: "admin",
  query: AccountListQuerySchema,
  response: AccountListSchema,
  errors: [400],
  handle: async ({ viewer, query }) => {
    const page = pageCursor.decode(query.cursor);
    const rows = await listAccountsWithTiers(viewer, {
      q: query.q,
      tier: query.tier,
      sort: query.sort,
      page,
    });
    return {
      data: rows.map(({ total: _total, ...row }) => row),
      nextCursor: pageCursor.next(page, ACCOUNTS_PAGE_SIZE, rows[0]?.total ?? 0),
    };
  },
});

export const getAccountById = endpoint({
  method: "get",
  path: "/accounts/{accountId}",
  operationId: "getAccount",
  summary: "Get an account",
  description:
    "One customer account with its value data, tier and number of people (admin tokens).",
  tag: "Accounts",
  scope: "admin",
  params: AccountParamsSchema,
  response: AccountSchema,
  errors: [400, 404],
  handle: async ({ viewer, params }) => {
    const [row] = await listAccountsWithTiers(viewer, { id: params.accountId, sort: "name" });
    if (!row) throw new Refusal("No account with this id.", 404);
    const { total: _total, ...account } = row;
    return account;
  },
});

export const importAccounts = endpoint({
  method: "post",
  path: "/accounts/imports",
  operationId: "importAccounts",
  summary: "Import account values",
  description:
    "The CSV import of the admin page, as one call: every line is checked first, and a file " +
    "with any problem is refused whole (422, each problem in `details` with its line and " +
    "column); otherwise it is applied at once. Accounts are matched by `external_id`, so " +
    "sending a file again changes nothing. Send an `Idempotency-Key` header to retry safely.",
  tag: "Accounts",
  scope: "admin",
  body: AccountImportBodySchema,
  status: 201,
  response: AccountImportSchema,
  errors: [400, 409, 422],
  idempotent: true,
  handle: async ({ viewer, body }) => {
    const importId = await previewAccountImport(viewer, {
      name: body.fileName ?? "api.csv",
      content: body.csv,
    });
    const preview = await getAccountImport(viewer, importId);
    if (!preview) throw new Refusal("The import went missing: send it again.", 409);
    if (preview.errorCount > 0) {
      throw new ApiError(
        422,
        `${preview.errorCount} ${preview.errorCount === 1 ? "line has a problem" : "lines have problems"}: nothing was imported. Fix them and send the file again.`,
        {
          details: preview.errors.map((problem) => ({
            in: "body",
            path: `csv line ${problem.line}, ${problem.column}`,
            message: problem.message,
          })),
        },
      );
    }
    const counts = await applyAccountImport(viewer, importId);
    return {
      id: importId,
      state: "applied" as const,
      rows: preview.rowCount,
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
    };
  },
});

export const getModerationLog = endpoint({
  method: "get",
  path: "/moderation-log",
  operationId: "listModerationLog",
  summary: "Read the moderation log",
  description:
    "Every moderator and staff action, newest first, as the moderation log page shows it to " +
    "the token's owner (moderators, staff and admins): entries about what they can't see are " +
    "left out or withheld.",
  tag: "Moderation",
  scope: "read",
  query: ModerationLogQuerySchema,
  response: ModerationLogSchema,
  errors: [400],
  handle: async ({ viewer, query }) => {
    const page = pageCursor.decode(query.cursor);
    const log = await listAuditLog(viewer, {
      actor: query.actor,
      action: query.action,
      from: query.from,
      to: query.to,
      page,
    });
    return {
      data: log.entries.map((entry) => ({
        id: entry.id,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        details: entry.details,
        at: entry.createdAt.toISOString(),
        actor: entry.actor,
        thread: entry.thread,
        person: entry.person,
        withheld: entry.withheld,
      })),
      nextCursor: pageCursor.next(page, AUDIT_LOG_PAGE_SIZE, log.total),
    };
  },
});

type MemberRow = Awaited<ReturnType<typeof listMemberDirectory>>["people"][number];

const memberOut = ({ joinedAt, lastSeenAt, ...member }: MemberRow) => ({
  ...member,
  joinedAt: joinedAt.toISOString(),
  lastSeenAt: lastSeenAt?.toISOString() ?? null,
});

export const listMembers = endpoint({
  method: "get",
  path: "/members",
  operationId: "listMembers",
  summary: "List members",
  description:
    "The community's people with their account, tier, trust level and how much they take part " +
    "(staff and admin tokens; email addresses only for admins), by name.",
  tag: "Members",
  scope: "read",
  query: MemberListQuerySchema,
  response: MemberListSchema,
  errors: [400],
  handle: async ({ viewer, query }) => {
    const page = pageCursor.decode(query.cursor);
    const { people, hasMore } = await listMemberDirectory(viewer, {
      q: query.q,
      role: query.role,
      accountId: query.account,
      page,
    });
    return {
      data: people.map(memberOut),
      // Read one past the page: a next page exists without counting everyone.
      nextCursor: hasMore ? pageCursor.next(page, 1, page + 1) : null,
    };
  },
});

export const getMemberById = endpoint({
  method: "get",
  path: "/members/{memberId}",
  operationId: "getMember",
  summary: "Get a member",
  description: "One person, as the list shows them (staff and admin tokens).",
  tag: "Members",
  scope: "read",
  params: MemberParamsSchema,
  response: MemberSchema,
  errors: [400, 404],
  handle: async ({ viewer, params }) => {
    const {
      people: [row],
    } = await listMemberDirectory(viewer, { id: params.memberId, page: 1 });
    if (!row) throw new Refusal("No member with this id.", 404);
    return memberOut(row);
  },
});
