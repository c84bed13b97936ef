/**
 * What happens to someone's posts when their account is deleted: the one choice both the person
 * (on My data) and an admin acting on their request (on the member page) make.
 */
export function DeleteAccountFields({
  idPrefix,
  whose,
}: {
  idPrefix: string;
  whose: "your" | "their";
}) {
  return (
    <fieldset className="field">
      <legend className="label">What happens to {whose} posts</legend>
      <div className="choice-with-hint">
        <label className="choice">
          <input
            type="radio"
            name="posts"
            value="keep"
            defaultChecked
            aria-describedby={`${idPrefix}-keep-hint`}
          />
          <strong>Keep them, unnamed</strong>
        </label>
        <span className="field-hint" id={`${idPrefix}-keep-hint`}>
          Threads stay whole: {whose} posts read “a former member”, with nothing that leads to{" "}
          {whose === "your" ? "you" : "them"}.
        </span>
      </div>
      <div className="choice-with-hint">
        <label className="choice">
          <input
            type="radio"
            name="posts"
            value="remove"
            aria-describedby={`${idPrefix}-remove-hint`}
          />
          <strong>Remove them too</strong>
        </label>
        <span className="field-hint" id={`${idPrefix}-remove-hint`}>
          Every post, comment and endorsement reason is emptied and the titles of threads{" "}
          {whose === "your" ? "you" : "they"} started are replaced; others' replies stay.
        </span>
      </div>
    </fieldset>
  );
}
