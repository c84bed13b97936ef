import {
  getFormProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { TrustLevelBadge } from "~/components/trust-level-badge";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { RelativeTime } from "~/components/ui/relative-time";
import {
  findPersonByHandle,
  getPersonForModeration,
  liftRestriction,
  silenceMember,
  suspendMember,
} from "~/models/member-moderation.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { formatCount, formatDateTime } from "~/utils/format";
import { roleLabels } from "~/utils/labels";
import { invariantResponse } from "~/utils/responses.server";
import type { TrustLevel } from "~/utils/trust-levels";
import { useIsPending } from "~/utils/use-is-pending";
import {
  MEMBER_MODERATION_REASON_MAX,
  MemberModerationSchema,
  MODERATION_DURATIONS,
  moderationDurationLabels,
  untilFromDuration,
} from "~/validation/member-moderation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserWithPermission(request, "moderate:member:any");
  const page = await getPersonForModeration(viewer, params.handle ?? "");
  invariantResponse(page, "No such member.", { status: 404 });
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUserWithPermission(request, "moderate:member:any");
  const person = await findPersonByHandle(params.handle ?? "");
  invariantResponse(person, "No such member.", { status: 404 });
  const submission = await parseSubmission(request, MemberModerationSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "silence": {
        const until = untilFromDuration(input.duration);
        await silenceMember(viewer, person.id, { reason: input.reason, until });
        return `${person.name} is silenced ${untilText(until)}. They were told why.`;
      }
      case "suspend": {
        const until = untilFromDuration(input.duration);
        await suspendMember(viewer, person.id, { reason: input.reason, until });
        return `${person.name} is suspended ${untilText(until)} and signed out everywhere. They read the reason when they try to sign in.`;
      }
      case "lift-silence":
        await liftRestriction(viewer, person.id, "silence", input.reason);
        return `${person.name} can post again.`;
      case "lift-suspension":
        await liftRestriction(viewer, person.id, "suspension", input.reason);
        return `${person.name} can sign in again.`;
    }
  });
}

function untilText(until: Date | string | null) {
  return until ? `until ${formatDateTime(new Date(until))}` : "until someone lifts it";
}

const noticeActionLabels: Record<string, string> = {
  hidden: "Post hidden",
  removed: "Post removed",
  edited: "Post edited",
  moved: "Thread moved",
  held: "Post held for review",
  silenced: "Silenced",
  suspended: "Suspended",
};

const postStateLabels: Record<string, string> = {
  held: "Held",
  hidden: "Hidden",
  removed: "Removed",
};

type Restriction = "silence" | "suspend";

export default function PersonModerationPage() {
  const { person, trust, notices, recentPosts, permissions, refusal } =
    useLoaderData<typeof loader>();
  const actionData = useActionAnswer();
  const result = actionData?.result;
  const intent = result?.initialValue?.intent;
  // Errors of a form on the page show in it; those of a lift button, or of a form this viewer
  // isn't offered (a refusal), show at the top.
  const formShown =
    (intent === "silence" && permissions.silence) || (intent === "suspend" && permissions.suspend);
  const topErrors =
    result && !formShown ? Object.values(result.error ?? {}).flatMap((errors) => errors ?? []) : [];
  const canAct = permissions.silence || permissions.suspend || permissions.lift;

  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>{person.name}</h1>
          <p>
            @{person.handle} · {roleLabels[person.role]} ·{" "}
            <TrustLevelBadge level={person.trustLevel as TrustLevel} />
          </p>
        </div>
      </div>
      {actionData?.done ? <Alert tone="success">{actionData.done}</Alert> : null}
      {topErrors.length ? <Alert tone="error">{topErrors.join(" ")}</Alert> : null}

      <section className="card" aria-labelledby="standing-heading">
        <h2 id="standing-heading">Standing</h2>
        {!person.silence.active && !person.suspension.active ? (
          <p>
            <Badge tone="success">In good standing</Badge>
          </p>
        ) : null}
        {person.suspension.active ? (
          <div className="stack">
            <p>
              <Badge tone="danger">Suspended</Badge> {untilText(person.suspension.until)}. They
              can't sign in.
              {person.suspension.reason ? <> Reason: {person.suspension.reason}</> : null}
            </p>
            {permissions.lift ? (
              <LiftForm intent="lift-suspension" label="Lift suspension" />
            ) : null}
          </div>
        ) : null}
        {person.silence.active ? (
          <div className="stack">
            <p>
              <Badge tone="warning">Silenced</Badge> {untilText(person.silence.until)}. They can
              read but not post.
              {person.silence.reason ? <> Reason: {person.silence.reason}</> : null}
            </p>
            {permissions.lift ? <LiftForm intent="lift-silence" label="Lift silence" /> : null}
          </div>
        ) : null}
        <dl className="idea-value-figures">
          <div>
            <dt>Joined</dt>
            <dd>
              <RelativeTime date={person.joinedAt} />
            </dd>
          </div>
          <div>
            <dt>Last seen</dt>
            <dd>
              <RelativeTime date={person.lastSeenAt} />
            </dd>
          </div>
          <div>
            <dt>Posts</dt>
            <dd>{formatCount(person.postCount)}</dd>
          </div>
          <div>
            <dt>Hidden or removed</dt>
            <dd>{formatCount(person.moderatedPostCount)}</dd>
          </div>
        </dl>
      </section>

      {trust ? (
        <section className="card" aria-labelledby="trust-heading">
          <h2 id="trust-heading">Trust</h2>
          <p className="muted small">
            {trust.computed
              ? trust.earnedLevel === trust.trustLevel
                ? "Their figures hold their level; it is recalculated every hour."
                : `Their figures now earn level ${trust.earnedLevel}; the hourly recalculation will move them there.`
              : "Moderators, staff and admins keep the level they were given."}
            {trust.recentlyModerated ? " Recently moderated, which holds back level 2 and up." : ""}
          </p>
          <dl className="idea-value-figures">
            <div>
              <dt>Days visited</dt>
              <dd>{formatCount(trust.daysVisited)}</dd>
            </div>
            <div>
              <dt>Posts read</dt>
              <dd>{formatCount(trust.postsRead)}</dd>
            </div>
            <div>
              <dt>Replies</dt>
              <dd>{formatCount(trust.replies)}</dd>
            </div>
            <div>
              <dt>Helpful reactions</dt>
              <dd>{formatCount(trust.helpfulReactionsReceived)}</dd>
            </div>
            <div>
              <dt>Days since joining</dt>
              <dd>{formatCount(trust.daysSinceJoining)}</dd>
            </div>
          </dl>
        </section>
      ) : null}

      <section className="card" aria-labelledby="act-heading">
        <h2 id="act-heading">Silence or suspend</h2>
        {refusal ? <Alert>{refusal}</Alert> : null}
        {canAct ? (
          <p className="muted small">
            Silenced people read but can't post; suspended people can't sign in. Either way they
            read your reason, and it is kept in the moderation log. Acting again replaces the end
            and the reason.
          </p>
        ) : null}
        <div className="grid-2">
          {permissions.silence ? (
            <RestrictionForm
              kind="silence"
              name={person.name}
              lastResult={intent === "silence" ? result : undefined}
            />
          ) : null}
          {permissions.suspend ? (
            <RestrictionForm
              kind="suspend"
              name={person.name}
              lastResult={intent === "suspend" ? result : undefined}
            />
          ) : null}
        </div>
      </section>

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">Moderation history</h2>
        {notices.length === 0 ? (
          <p className="muted">No moderator has acted on them or their posts.</p>
        ) : (
          <ol className="stack" role="list">
            {notices.map((notice) => (
              <li key={notice.id}>
                <Link to={`/notices/${notice.id}`}>
                  <strong>{noticeActionLabels[notice.action] ?? notice.action}</strong>:{" "}
                  {notice.subject}
                </Link>
                <span className="muted small">
                  {" "}
                  · <RelativeTime date={notice.createdAt} />
                  {notice.appealStatus ? ` · appeal ${notice.appealStatus}` : ""}
                </span>
                <br />
                <span className="small">Reason: {notice.reason}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="posts-heading">
        <h2 id="posts-heading">Recent posts</h2>
        {recentPosts.length === 0 ? (
          <p className="muted">No posts in spaces you can see.</p>
        ) : (
          <ol className="stack" role="list">
            {recentPosts.map((post) => (
              <li key={post.id}>
                <Link to={`/p/${post.id}`}>
                  {post.position === 1 ? "Started" : "Replied in"} “{post.threadTitle}”
                </Link>{" "}
                <span className="muted small">
                  in {post.spaceName} · <RelativeTime date={post.createdAt} />
                </span>{" "}
                {post.moderation ? (
                  <Badge tone="warning">
                    {postStateLabels[post.moderation] ?? post.moderation}
                  </Badge>
                ) : null}
                <p className="small muted">{post.excerpt}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function RestrictionForm({
  kind,
  name,
  lastResult,
}: {
  kind: Restriction;
  name: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const pending = useIsPending({ intent: kind });
  const [form, fields] = useForm({
    id: kind,
    lastResult,
    defaultValue: { duration: kind === "silence" ? "1d" : "7d" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MemberModerationSchema }),
  });
  const verb = kind === "silence" ? "Silence" : "Suspend";
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <h3>{verb}</h3>
      <input type="hidden" name="intent" value={kind} />
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <Field
        id={fields.reason.id}
        label="Reason (shown to them)"
        hint={kind === "suspend" ? "They read it when they try to sign in." : undefined}
        errors={fields.reason.errors}
      >
        {(aria) => (
          <textarea
            {...getTextareaProps(fields.reason)}
            {...aria}
            rows={3}
            maxLength={MEMBER_MODERATION_REASON_MAX}
          />
        )}
      </Field>
      <Field id={fields.duration.id} label="For" errors={fields.duration.errors}>
        {(aria) => (
          <select {...getSelectProps(fields.duration)} {...aria}>
            {MODERATION_DURATIONS.map((duration) => (
              <option key={duration} value={duration}>
                {moderationDurationLabels[duration]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div>
        <Button
          variant="danger"
          pending={pending}
          pendingLabel={kind === "silence" ? "Silencing…" : "Suspending…"}
        >
          {verb} {name}
        </Button>
      </div>
    </Form>
  );
}

function LiftForm({
  intent,
  label,
}: {
  intent: "lift-silence" | "lift-suspension";
  label: string;
}) {
  const pending = useIsPending({ intent });
  return (
    <Form method="post" className="row">
      <input type="hidden" name="intent" value={intent} />
      <Button pending={pending} pendingLabel="Lifting…">
        {label}
      </Button>
    </Form>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.person.name ?? "Member"} · Moderation · Vanguard` },
];
