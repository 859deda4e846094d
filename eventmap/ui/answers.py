"""Streamlit 1.67 drops the answer to a deferred download (the file's URL, or the error) when a run starts
between the answer being queued and the queue being sent: ForwardMsgQueue.clear, at the start of every run, keeps
the run's lifecycle messages and toasts but not backend operation answers. The button then spins until the
browser gives up, three minutes later. This keeps those answers through the clear, as it keeps toasts
(docs/decisions.md, 'A download asks for its file without a rerun'). The server applies it once at start
(asgi.py), before any session exists."""

from __future__ import annotations

from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

ANSWER = "backend_operation_response"


def keep_answers_through_a_new_run() -> None:
    """Wrap ForwardMsgQueue.clear once: answers queued before a clear that keeps lifecycle messages survive it."""
    clear = ForwardMsgQueue.clear
    if getattr(clear, "keeps_answers", False):
        return

    def clear_keeping_answers(self, retain_lifecycle_msgs: bool = False, fragment_ids_this_run=None) -> None:
        answers = [m for m in self._queue if m.WhichOneof("type") == ANSWER] if retain_lifecycle_msgs else []
        clear(self, retain_lifecycle_msgs, fragment_ids_this_run)
        kept = {id(m) for m in self._queue}
        self._queue.extend(m for m in answers if id(m) not in kept)

    clear_keeping_answers.keeps_answers = True
    ForwardMsgQueue.clear = clear_keeping_answers
