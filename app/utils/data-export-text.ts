/** What the data_export_ready notification says, on the page and in its email. */
export const DATA_EXPORT_READY_HEADLINE = "The copy of your data you asked for is ready";
export const DATA_EXPORT_READY_BODY =
  "Download it from My data within 7 days, while you are signed in; after that it is deleted.";
