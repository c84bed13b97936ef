import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { listSpacesForAdmin } from "~/models/space.server";
import { visibilityLabel } from "~/utils/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "update:space:any");
  return { spaces: await listSpacesForAdmin() };
}

export default function AdminSpacesPage() {
  const { spaces } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Spaces</h1>
          <p>Forums, who may see them, their member lists and the staff who observe them.</p>
        </div>
        <Link className="btn btn-primary" to="/admin/spaces/new">
          Create a space
        </Link>
      </div>
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">Spaces</caption>
          <thead>
            <tr>
              <th scope="col">Space</th>
              <th scope="col">Who can see it</th>
              <th scope="col" className="num">
                Threads
              </th>
              <th scope="col" className="num">
                Listed members
              </th>
              <th scope="col" className="num">
                Observers
              </th>
            </tr>
          </thead>
          <tbody>
            {spaces.length === 0 ? (
              <tr>
                <td colSpan={5} className="empty">
                  No spaces yet. <Link to="/admin/spaces/new">Create the first one</Link>.
                </td>
              </tr>
            ) : (
              spaces.map((space) => (
                <tr key={space.id}>
                  <td>
                    <Link to={`/admin/spaces/${space.id}`}>{space.name}</Link>
                    <div className="muted small">/spaces/{space.slug}</div>
                  </td>
                  <td>{visibilityLabel(space.visibility, space.minTier)}</td>
                  <td className="num">{space.threads}</td>
                  <td className="num">{space.visibility === "private" ? space.members : "—"}</td>
                  <td className="num">{space.observers}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Spaces · Admin · Vanguard" }];
