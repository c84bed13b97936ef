import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/policy.server";
import { createSpace, SpaceConflictError } from "~/models/space.server";
import { parseSubmission } from "~/utils/form.server";
import { SpaceSchema } from "~/validation/forums";
import { SpaceForm } from "./__space-form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "create:space:any");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "create:space:any");
  const submission = await parseSubmission(request, SpaceSchema);
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const id = await createSpace(actor, {
      ...submission.value,
      minTier: submission.value.minTier ?? null,
    });
    throw redirect(`/admin/spaces/${id}?created=1`);
  } catch (error) {
    if (!(error instanceof SpaceConflictError)) throw error;
    return data(submission.reply({ fieldErrors: { slug: [error.message] } }), { status: 400 });
  }
}

export default function NewSpacePage() {
  const lastResult = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>Create a space</h1>
      <SpaceForm lastResult={lastResult} submitLabel="Create space" />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Create a space · Admin · Vanguard" }];
