import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { type Viewer } from "~/auth/policy.server";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { SpacePeople } from "~/components/space-people";
import { Alert } from "~/components/ui/alert";
import { getSpaceForAdmin, updateSpace } from "~/models/space.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseKnownFields, readFormData } from "~/utils/form.server";
import { SpaceSchema } from "~/validation/forums";
import { SpaceForm } from "./__space-form";
import { invariantResponse } from "~/utils/responses.server";
import { spacePeopleAction } from "../__space-people-action.server";

async function findSpace(spaceId: string | undefined) {
  const id = z.uuid().safeParse(spaceId);
  const found = id.success ? await getSpaceForAdmin(id.data) : null;
  invariantResponse(found, "No such space.", { status: 404 });
  return found;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update:space:any");
  return findSpace(params.spaceId);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "update:space:any");
  const { space } = await findSpace(params.spaceId);
  const formData = await readFormData(request);
  switch (formData.get("intent")) {
    case "save":
      return saveSettings(actor, space.id, formData);
    default:
      return spacePeopleAction(actor, space.id, formData);
  }
}

/** The settings form names its intent, so its answer is told apart from the people forms'. */
const SpaceSettingsSchema = z.object({ intent: z.literal("save") }).and(SpaceSchema);

async function saveSettings(actor: Viewer, spaceId: string, formData: FormData) {
  const submission = parseKnownFields(formData, SpaceSettingsSchema);
  if (submission.status !== "success") return invalid(submission);
  const { intent: _intent, ...settings } = submission.value;
  return answerWork(submission, async () => {
    await updateSpace(actor, spaceId, { ...settings, minTier: settings.minTier ?? null });
    return { done: "Settings saved.", resetForm: false };
  });
}

export default function EditSpacePage() {
  const { space, members, observers } = useLoaderData<typeof loader>();
  const settings = useActionAnswer("save");
  const [searchParams] = useSearchParams();
  return (
    <div className="stack">
      <p className="small">
        <Link to="/admin/spaces">← All spaces</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{space.name}</h1>
          <p>
            <Link to={`/spaces/${space.slug}`}>Open the space</Link>
          </p>
        </div>
      </div>
      {searchParams.get("created") ? (
        <Alert tone="success">
          Space created. Add observers and, for a private space, its members.
        </Alert>
      ) : null}
      {settings?.done ? <Alert tone="success">{settings.done}</Alert> : null}
      <SpaceForm
        lastResult={settings?.result}
        submitLabel="Save settings"
        defaultValue={{
          name: space.name,
          slug: space.slug,
          description: space.description,
          visibility: space.visibility,
          minTier: space.minTier ?? "top10",
          ideasEnabled: space.ideasEnabled,
        }}
      />
      <SpacePeople visibility={space.visibility} members={members} observers={observers} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.space.name ?? "Space"} · Admin · Vanguard` },
];
