import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { SpacePeople } from "~/components/space-people";
import { getSpaceForAdmin, getSpaceForViewer } from "~/models/space.server";
import { readFormData } from "~/utils/form.server";
import { visibilityLabel } from "~/utils/labels";
import { invariantResponse } from "~/utils/responses.server";
import { spacePeopleAction } from "../__space-people-action.server";

async function requireManagedSpace(request: Request, slug: string | undefined) {
  const user = await requireUserWithPermission(request, "manage:space-members:any");
  const visible = slug ? await getSpaceForViewer(user, slug) : null;
  const found = visible ? await getSpaceForAdmin(visible.id) : null;
  invariantResponse(found, "No such space.", { status: 404 });
  return { user, ...found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { space, members, observers } = await requireManagedSpace(request, params.slug);
  return { space, members, observers };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, space } = await requireManagedSpace(request, params.slug);
  return spacePeopleAction(user, space.id, await readFormData(request));
}

export default function ManageSpacePage() {
  const { space, members, observers } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <Breadcrumbs
        items={[
          { to: "/spaces", label: "Spaces" },
          { to: `/spaces/${space.slug}`, label: space.name },
          { label: "People" },
        ]}
      />
      <h1>People in {space.name}</h1>
      <p className="muted">{visibilityLabel(space.visibility, space.minTier)}</p>
      <SpacePeople visibility={space.visibility} members={members} observers={observers} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `People · ${loaderData?.space.name ?? "Space"} · Vanguard` },
];
