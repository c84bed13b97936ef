import type { ReactNode } from "react";

/**
 * A wide table's box, scrolling sideways on its own on a narrow screen instead of the page. It
 * takes the keyboard's focus, so people without a mouse can scroll it too (WCAG 2.1.1), and is
 * named for screen readers, who meet it as a region.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
