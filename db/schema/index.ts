export * from "./accounts";
export * from "./auth";
export * from "./forums";
export * from "./ideas";
export * from "./notifications";
export * from "./system";
export * from "./users";
export * from "./values";
