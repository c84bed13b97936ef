import type { LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/policy.server";
import { getPostForViewer, pageOfPosition } from "~/models/post.server";

/** A post's permanent address: opens its thread on the right page, scrolled to the post. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = z.uuid().safeParse(params.postId);
  const post = id.success ? await getPostForViewer(user, id.data) : null;
  if (!post) throw data({ message: "No such post." }, { status: 404 });
  return redirect(`/t/${post.thread.id}?page=${pageOfPosition(post.position)}#post-${post.id}`);
}
