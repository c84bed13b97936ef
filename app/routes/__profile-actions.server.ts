import { z } from "zod";

// Server-only so profile pages ship no validation library.
export const RemoveProxyVoteSchema = z.object({ ideaId: z.uuid() });
