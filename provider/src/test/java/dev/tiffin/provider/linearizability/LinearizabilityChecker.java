package dev.tiffin.provider.linearizability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a history of operations on one key could have happened one at a time, each at some
 * instant between its call and its return (Wing and Gong's search, with Lowe's memo of the states
 * already tried, as in Knossos and Porcupine).
 */
final class LinearizabilityChecker {

  private LinearizabilityChecker() {
  }

  /** Whether the history of one key, starting from an absent entry, is linearizable. */
  static boolean isLinearizable(List<RegisterOp> history) {
    Entry head = entries(history);
    BitSet linearized = new BitSet(history.size());
    Set<Memo> tried = new HashSet<>();
    Deque<Frame> stack = new ArrayDeque<>();
    String state = null;
    Entry entry = head.next;
    while (head.next != null) {
      if (entry.call) {
        RegisterOp.Step step = entry.op.apply(state);
        if (step != null) {
          BitSet next = (BitSet) linearized.clone();
          next.set(entry.id);
          if (tried.add(new Memo(next, step.state()))) {
            stack.push(new Frame(entry, state));
            state = step.state();
            linearized.set(entry.id);
            entry.lift();
            entry = head.next;
            continue;
          }
        }
        entry = entry.next;
      } else {
        if (stack.isEmpty()) {
          return false;
        }
        Frame frame = stack.pop();
        state = frame.stateBefore;
        linearized.clear(frame.entry.id);
        frame.entry.unlift();
        entry = frame.entry.next;
      }
    }
    return true;
  }

  /** Calls and returns in time order (a call before a return at the same instant: they may overlap). */
  private static Entry entries(List<RegisterOp> history) {
    List<Entry> events = new ArrayList<>();
    for (int id = 0; id < history.size(); id++) {
      RegisterOp op = history.get(id);
      Entry call = new Entry(true, id, op, op.call());
      Entry ret = new Entry(false, id, op, op.ret());
      call.match = ret;
      events.add(call);
      events.add(ret);
    }
    events.sort(Comparator.comparingLong((Entry e) -> e.time).thenComparing(e -> e.call ? 0 : 1));
    Entry head = new Entry(false, -1, null, Long.MIN_VALUE);
    Entry last = head;
    for (Entry event : events) {
      last.next = event;
      event.prev = last;
      last = event;
    }
    return head;
  }

  /** An event in the doubly linked list the search lifts operations out of. */
  private static final class Entry {
    final boolean call;
    final int id;
    final RegisterOp op;
    final long time;
    Entry match;
    Entry prev;
    Entry next;

    Entry(boolean call, int id, RegisterOp op, long time) {
      this.call = call;
      this.id = id;
      this.op = op;
      this.time = time;
    }

    /** Takes this call and its return out of the list. */
    void lift() {
      prev.next = next;
      next.prev = prev;
      match.prev.next = match.next;
      if (match.next != null) {
        match.next.prev = match.prev;
      }
    }

    /** Puts them back, in the reverse order. */
    void unlift() {
      match.prev.next = match;
      if (match.next != null) {
        match.next.prev = match;
      }
      prev.next = this;
      next.prev = this;
    }
  }

  private record Frame(Entry entry, String stateBefore) {
  }

  private record Memo(BitSet linearized, String state) {
  }
}
