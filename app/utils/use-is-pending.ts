import { useFormAction, useNavigation } from "@remix-run/react";

/**
 * Whether a form on this page is being submitted (optionally: the one with this `intent`), so a
 * button can say it is working. The one way pages ask; they don't read navigation state by hand.
 */
export function useIsPending({
  intent,
  field,
  formAction,
  formMethod = "POST",
}: {
  intent?: string;
  /** A field's name and value that tell apart several forms of one intent. */
  field?: [string, string];
  formAction?: string;
  formMethod?: "POST" | "GET";
} = {}) {
  const contextualFormAction = useFormAction();
  const navigation = useNavigation();
  return (
    navigation.state !== "idle" &&
    navigation.formMethod === formMethod &&
    (formAction ?? contextualFormAction) === navigation.formAction &&
    (intent === undefined || navigation.formData?.get("intent") === intent) &&
    (field === undefined || navigation.formData?.get(field[0]) === field[1])
  );
}
