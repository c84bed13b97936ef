import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FilterSelect, labelledOptions } from "./filter-select";

describe("a list page's filter select", () => {
  it("is labelled, offers 'any' first (an empty value), and starts at the filter in the address", () => {
    const html = renderToStaticMarkup(
      <FilterSelect
        id="filter-stage"
        name="stage"
        label="Stage"
        value="open"
        any="Any stage"
        options={labelledOptions(["draft", "open"] as const, { draft: "Draft", open: "Open" })}
      />,
    );
    expect(html).toBe(
      '<div class="field"><label for="filter-stage">Stage</label>' +
        '<select id="filter-stage" name="stage">' +
        '<option value="">Any stage</option><option value="draft">Draft</option>' +
        '<option value="open" selected="">Open</option></select></div>',
    );
  });

  it("has no empty choice when it always has a value, and no choice made without a filter", () => {
    const order = renderToStaticMarkup(
      <FilterSelect
        id="sort"
        name="sort"
        label="Order"
        value="newest"
        options={[
          { value: "relevance", label: "Best match" },
          { value: "newest", label: "Newest first" },
        ]}
      />,
    );
    expect(order).not.toContain('value=""');
    expect(order).toContain('<option value="newest" selected="">Newest first</option>');
    const unfiltered = renderToStaticMarkup(
      <FilterSelect id="t" name="tag" label="Tag" value={undefined} any="Any tag" options={[]} />,
    );
    expect(unfiltered).toContain('<option value="" selected="">Any tag</option>');
  });
});
