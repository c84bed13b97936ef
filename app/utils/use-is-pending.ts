import { useFormAction, useNavigation } from "@remix-run/react";

/**
 * Whether a form on this page is being submitted (optionally: the one with this `intent`), so a
 * button can say it is working. The one way pages ask; they don't read navigation state by hand.
 */
export function useIsPending({
  intent,
  formAction,
  formMethod = "POST",
}: { intent?: string; formAction?: string; formMethod?: "POST" | "GET" } = {}) {
  const contextualFormAction = useFormAction();
  const navigation = useNavigation();
  return (
    navigation.state !== "idle" &&
    navigation.formMethod === formMethod &&
    (formAction ?? contextualFormAction) === navigation.formAction &&
    (intent === undefined || navigation.formData?.get("intent") === intent)
  );
}
