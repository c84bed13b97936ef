import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import { z } from "zod";
import { canEditPost, requireUser } from "~/auth/policy.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import type { RichTextDoc } from "~/editor/content.server";
import { RichTextField } from "~/editor/rich-text-field";
import editorStyles from "~/editor/rich-text.css";
import { readPostContent } from "~/models/post-content.server";
import { claimPostingAllowance } from "~/models/posting-limits.server";
import {
  editPost,
  getPostForViewer,
  pageOfPosition,
  postState,
  PostRuleError,
} from "~/models/post.server";
import { PostBodyFields, ThreadTitleSchema } from "~/validation/forums";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

async function requireEditablePost(request: Request, postId: string | undefined) {
  const user = await requireUser(request);
  const id = z.uuid().safeParse(postId);
  const post = id.success ? await getPostForViewer(user, id.data) : null;
  if (!post) throw data({ message: "No such post." }, { status: 404 });
  if (!canEditPost(user, postState(post)))
    throw data(
      {
        message: post.thread.locked
          ? "This thread is locked: its posts can't be changed."
          : "You can only edit your own posts.",
      },
      { status: 403 },
    );
  return { user, post };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { post } = await requireEditablePost(request, params.postId);
  return {
    post: {
      id: post.id,
      position: post.position,
      body: post.body as RichTextDoc,
      bodyText: post.bodyText,
      thread: post.thread,
      space: post.space,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, post } = await requireEditablePost(request, params.postId);
  const form = z
    .object({
      title: post.position === 1 ? ThreadTitleSchema : z.string().optional(),
      ...PostBodyFields,
    })
    .safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) {
    const issue = form.error.issues[0];
    return data({ field: String(issue.path[0] ?? "body"), error: issue.message }, { status: 400 });
  }
  // Without JavaScript the page reloads: what was typed comes back with the message.
  const typed: { title: string | null; text: string | null } = {
    title: form.data.title ?? null,
    text: form.data.body ?? null,
  };
  const body = readPostContent(form.data.bodyJson, form.data.body);
  if (!body.ok) return data({ field: "body", error: body.message, ...typed }, { status: 400 });
  const allowance = await claimPostingAllowance(user, "edit");
  if (!allowance.ok)
    return data({ field: "body", error: allowance.message, ...typed }, { status: 429 });
  try {
    await editPost(user, post, { title: form.data.title, content: body.content });
  } catch (error) {
    if (error instanceof PostRuleError)
      return data({ field: "body", error: error.message, ...typed }, { status: error.status });
    throw error;
  }
  throw redirect(`/t/${post.thread.id}?page=${pageOfPosition(post.position)}#post-${post.id}`);
}

export default function EditPostPage() {
  const { post } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const typed = actionData as { title?: string | null; text?: string | null } | undefined;
  const typedText = typed?.text ?? undefined;
  return (
    <div className="page">
      <Breadcrumbs
        items={[
          { to: "/spaces", label: "Spaces" },
          { to: `/spaces/${post.space.slug}`, label: post.space.name },
          { to: `/p/${post.id}`, label: post.thread.title },
          { label: "Edit" },
        ]}
      />
      <h1>Edit post</h1>
      <p className="muted">
        Every version is kept: readers can open the history and see what changed.
      </p>
      <noscript>
        <p className="alert alert-info">
          Without JavaScript you edit the plain text: headings, lists, links and mentions in this
          post become plain paragraphs when you save. The earlier version stays in the history.
        </p>
      </noscript>
      <Form method="post" className="form card">
        {post.position === 1 ? (
          <Field
            id="title"
            label="Title"
            errors={actionData?.field === "title" ? [actionData.error] : undefined}
          >
            {(aria) => (
              <input
                name="title"
                type="text"
                defaultValue={typed?.title ?? post.thread.title}
                {...aria}
              />
            )}
          </Field>
        ) : null}
        <RichTextField
          name="body"
          id="body"
          label="Post"
          errors={actionData?.field === "body" ? [actionData.error] : undefined}
          initialDoc={typedText === undefined ? post.body : null}
          initialText={typedText ?? post.bodyText}
          mentionsUrl={`/resources/mentions?space=${post.space.id}`}
        />
        <div className="row">
          <Button
            variant="primary"
            pending={navigation.state === "submitting"}
            pendingLabel="Saving…"
          >
            Save changes
          </Button>
          <Link to={`/p/${post.id}`}>Cancel</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Edit post · Vanguard" }];

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
