import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUserWithPermission, type Viewer } from "~/auth/policy.server";
import { SpacePeople } from "~/components/space-people";
import { Alert } from "~/components/ui/alert";
import { getSpaceForAdmin, SpaceConflictError, updateSpace } from "~/models/space.server";
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
    default: {
      const { answer, status } = await spacePeopleAction(actor, space.id, formData);
      return data({ settings: undefined, people: answer, saved: false }, { status });
    }
  }
}

async function saveSettings(actor: Viewer, spaceId: string, formData: FormData) {
  const submission = parseKnownFields(formData, SpaceSchema);
  if (submission.status !== "success")
    return data({ settings: submission.reply(), people: undefined, saved: false }, { status: 400 });
  try {
    await updateSpace(actor, spaceId, {
      ...submission.value,
      minTier: submission.value.minTier ?? null,
    });
  } catch (error) {
    if (!(error instanceof SpaceConflictError)) throw error;
    return data(
      {
        settings: submission.reply({ fieldErrors: { slug: [error.message] } }),
        people: undefined,
        saved: false,
      },
      { status: 409 },
    );
  }
  return data({ settings: submission.reply(), people: undefined, saved: true });
}

export default function EditSpacePage() {
  const { space, members, observers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
      {actionData?.saved ? <Alert tone="success">Settings saved.</Alert> : null}
      <SpaceForm
        lastResult={actionData?.settings}
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
      <SpacePeople
        visibility={space.visibility}
        members={members}
        observers={observers}
        answer={actionData?.people}
      />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.space.name ?? "Space"} · Admin · Vanguard` },
];
