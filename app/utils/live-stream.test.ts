import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { openLiveStream } from "./live-stream";

/** Just enough of the browser's EventSource: listeners, a ready state and close(). */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  private listeners = new Map<string, (() => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, readyState: number) {
    this.readyState = readyState;
    for (const listener of this.listeners.get(type) ?? []) listener();
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.useFakeTimers();
  vi.stubGlobal("EventSource", FakeEventSource);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

it("opens a new stream when the server refused the old one, told that it reconnected", () => {
  const subscribed: boolean[] = [];
  openLiveStream("/events", (_source, reconnected) => subscribed.push(reconnected));
  const [first] = FakeEventSource.opened;
  first.emit("error", FakeEventSource.CLOSED); // a 503: the browser gives up on it

  vi.advanceTimersByTime(1_999);
  expect(FakeEventSource.opened).toHaveLength(1);
  vi.advanceTimersByTime(1);
  expect(FakeEventSource.opened).toHaveLength(2);
  expect(subscribed).toEqual([false, true]);

  // Refused again: the wait doubles, and a stream that opens sets it back.
  FakeEventSource.opened[1].emit("error", FakeEventSource.CLOSED);
  vi.advanceTimersByTime(3_999);
  expect(FakeEventSource.opened).toHaveLength(2);
  vi.advanceTimersByTime(1);
  expect(FakeEventSource.opened).toHaveLength(3);
});

it("leaves a dropped connection to the browser, which reconnects by itself", () => {
  openLiveStream("/events", () => {});
  FakeEventSource.opened[0].emit("error", FakeEventSource.CONNECTING);
  vi.advanceTimersByTime(120_000);
  expect(FakeEventSource.opened).toHaveLength(1);
});

it("opens nothing more once closed", () => {
  const close = openLiveStream("/events", () => {});
  const [first] = FakeEventSource.opened;
  first.emit("error", FakeEventSource.CLOSED);
  close();
  vi.advanceTimersByTime(120_000);
  expect(FakeEventSource.opened).toHaveLength(1);
  expect(first.readyState).toBe(FakeEventSource.CLOSED);
});
