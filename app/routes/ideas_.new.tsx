import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { listSpacesForNewIdea } from "~/models/space.server";
import { visibilityLabel } from "~/utils/labels";

/**
 * "New idea" from the board: an idea lives in a space, so the member chooses one of the spaces
 * they may post an idea in. With only one, there is nothing to choose.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const spaces = await listSpacesForNewIdea(user);
  if (spaces.length === 1) throw redirect(newIdeaForm(spaces[0].slug));
  return { spaces };
}

function newIdeaForm(slug: string) {
  return `/spaces/${slug}/new?kind=idea`;
}

export default function NewIdeaPage() {
  const { spaces } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <Breadcrumbs items={[{ to: "/ideas", label: "Ideas" }, { label: "New idea" }]} />
      <h1>New idea</h1>
      {spaces.length === 0 ? (
        <div className="card empty">
          <p>
            No space you can post in takes ideas yet. When an admin turns ideas on for one, you can
            post yours there.
          </p>
          <p>
            <Link to="/ideas">Back to the ideas</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="muted">
            Every idea lives in a space: the people who see that space read it and vote on it, and
            staff answer there. Choose where yours belongs.
          </p>
          <ul className="thread-list space-choices" aria-label="Spaces that take ideas">
            {spaces.map((space) => (
              <li key={space.id} className="thread-row">
                <div>
                  <Link className="thread-title" to={newIdeaForm(space.slug)}>
                    {space.name}
                  </Link>
                  {space.description ? <p className="small">{space.description}</p> : null}
                  <p className="small muted">
                    {visibilityLabel(space.visibility, space.minTier)}
                    {space.ideasEnabled ? null : " · takes ideas from staff only"}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "New idea · Ideas · Vanguard" }];
