import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { createSpace } from "~/models/space.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
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
  if (submission.status !== "success") return invalid(submission);
  const { value } = submission;
  return answerWork(submission, async () => {
    const id = await createSpace(actor, { ...value, minTier: value.minTier ?? null });
    throw redirect(`/admin/spaces/${id}?created=1`);
  });
}

export default function NewSpacePage() {
  const outcome = useActionAnswer();
  return (
    <div className="stack">
      <h1>Create a space</h1>
      <SpaceForm lastResult={outcome?.result} submitLabel="Create space" />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Create a space · Admin · Vanguard" }];
