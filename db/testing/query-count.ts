// Tests of route loaders count queries through here, so routes never reach for the database.
export { countQueries } from "~/db.server";
