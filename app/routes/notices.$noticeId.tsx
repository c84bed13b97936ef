import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/policy.server";
import { requireUser } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import { getNoticeForViewer, postNoticeMessage } from "~/models/moderation-notice.server";
import { markNoticeNotificationsRead } from "~/models/notification-inbox.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { readFormData } from "~/utils/form.server";
import { noticeHeadline } from "~/utils/notice-text";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";
import { useIsPending } from "~/utils/use-is-pending";
import { parseNoticeMessage } from "./__notice-message.server";

async function requireNotice(request: Request, noticeId: string | undefined) {
  const user = await requireUser(request);
  const id = uuidParam(noticeId);
  const notice = id ? await getNoticeForViewer(user, id) : null;
  invariantResponse(notice, "No such notice.", { status: 404 });
  return { user, notice };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, notice } = await requireNotice(request, params.noticeId);
  const own = notice.userId === user.id;
  await markNoticeNotificationsRead(user, notice.id);
  return {
    notice,
    own,
    // Moderators answer; the person appeals. Someone both (a moderator's own notice) appeals.
    answering: !own && can(user, "moderate:content:any"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, notice } = await requireNotice(request, params.noticeId);
  const submission = parseNoticeMessage(await readFormData(request));
  if (submission.status !== "success") return invalid(submission);
  // The message shows in the conversation: nothing more needs saying.
  return answerWork(submission, async () => {
    await postNoticeMessage(user, notice.id, {
      body: submission.value.message,
      close: submission.value.intent === "close",
    });
    return null;
  });
}

export default function NoticePage() {
  const { notice, own, answering } = useLoaderData<typeof loader>();
  const result = useActionAnswer()?.result;
  const sending = useIsPending();
  const headline = noticeHeadline("moderation_notice", notice.action, notice.subject);
  const closed = notice.appealStatus === "closed";
  const errors = result?.error;
  const messageError = errors?.message ?? errors?.[""];
  return (
    <div className="page reading-column">
      <h1>{own ? headline : `Notice to ${notice.personName}`}</h1>
      <p className="muted">
        <RelativeTime date={notice.createdAt} />
        {notice.appealStatus ? (
          <>
            {" "}
            ·{" "}
            <Badge tone={notice.appealStatus === "open" ? "warning" : "neutral"}>
              {notice.appealStatus === "open"
                ? "Appeal waiting for the moderators"
                : notice.appealStatus === "answered"
                  ? "Moderators answered"
                  : "Appeal closed"}
            </Badge>
          </>
        ) : null}
      </p>
      {!own ? (
        <p>
          <Link to={`/mod/people/${notice.personHandle}`}>{notice.personName}</Link> was told: “
          {headline}”.
        </p>
      ) : null}
      <section aria-labelledby="reason-heading" className="card">
        <h2 id="reason-heading">Why</h2>
        <p>{notice.reason}</p>
        {notice.postId && notice.action !== "removed" ? (
          <p className="small">
            <Link to={`/p/${notice.postId}`}>See the post</Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="conversation-heading" className="section-gap">
        <h2 id="conversation-heading">
          {own ? "Your conversation with the moderators" : "Conversation"}
        </h2>
        {notice.messages.length === 0 ? (
          <p className="muted">
            {own
              ? "If you think this was a mistake, or want to explain, write to the moderators here. Only they and you read it."
              : "No messages yet."}
          </p>
        ) : (
          <ol className="stack-list conversation">
            {notice.messages.map((message) => (
              <li
                key={message.id}
                className={message.fromPerson ? "from-person" : "from-moderators"}
              >
                <p className="small muted">
                  <strong>{message.fromPerson && own ? "You" : message.authorName}</strong>,{" "}
                  <RelativeTime date={message.createdAt} />
                </p>
                <p className="pre-wrap">{message.body}</p>
              </li>
            ))}
          </ol>
        )}
        {own && closed ? (
          <p className="muted">The moderators closed this appeal; their answer stands.</p>
        ) : (
          // A fresh form after each message sent; a refused one keeps what was typed.
          <Form method="post" className="stack" key={notice.messages.length}>
            {errors?.[""] ? <Alert tone="error">{errors[""].join(" ")}</Alert> : null}
            <label htmlFor="notice-message">
              {own ? "Write to the moderators" : `Answer ${notice.personName}`}
            </label>
            <textarea
              id="notice-message"
              name="message"
              rows={4}
              maxLength={2000}
              defaultValue={
                result?.status === "error" ? (result.initialValue?.message?.toString() ?? "") : ""
              }
              aria-invalid={errors?.message ? true : undefined}
              aria-describedby={errors?.message ? "notice-message-error" : undefined}
            />
            {errors?.message ? (
              <p id="notice-message-error" className="field-error">
                {messageError?.join(" ")}
              </p>
            ) : null}
            <div className="row">
              <button
                type="submit"
                name="intent"
                value="send"
                className="btn btn-primary"
                disabled={sending}
              >
                {own ? "Send to the moderators" : "Send answer"}
              </button>
              {answering ? (
                <button
                  type="submit"
                  name="intent"
                  value="close"
                  className="btn"
                  disabled={sending}
                >
                  Send and close the appeal
                </button>
              ) : null}
            </div>
          </Form>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Notice from the moderators · Vanguard" }];
