type DiffPart = { text: string; change: "added" | "removed" | "same" };

/** A word diff as readers see it: added words underlined in green, removed ones struck out. */
export function DiffText({ parts }: { parts: DiffPart[] }) {
  return (
    <p className="diff">
      {parts.map((part, index) =>
        part.change === "added" ? (
          <ins key={index} className="diff-added">
            {part.text}
          </ins>
        ) : part.change === "removed" ? (
          <del key={index} className="diff-removed">
            {part.text}
          </del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
