"""A download's answer queued for the browser survives the start of a new run (eventmap/ui/answers.py)."""

from __future__ import annotations

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

from eventmap.ui.answers import keep_answers_through_a_new_run


def answer(request_id: str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.backend_operation_response.request_id = request_id
    msg.backend_operation_response.deferred_file.url = f"/media/{request_id}.csv"
    return msg


def delta(text: str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.metadata.delta_path[:] = [0, 0]
    msg.delta.new_element.markdown.body = text
    return msg


def test_an_answer_survives_the_clear_at_a_new_run_and_a_delta_does_not():
    keep_answers_through_a_new_run()
    keep_answers_through_a_new_run()  # once only, however often the server module is imported
    queue = ForwardMsgQueue()
    queue.enqueue(delta("old run"))
    queue.enqueue(answer("r1"))
    queue.clear(retain_lifecycle_msgs=True)  # what AppSession does when a run starts
    sent = queue.flush()
    assert [m.WhichOneof("type") for m in sent] == ["backend_operation_response"]
    assert sent[0].backend_operation_response.request_id == "r1"


def test_a_full_clear_still_drops_everything():
    keep_answers_through_a_new_run()
    queue = ForwardMsgQueue()
    queue.enqueue(answer("r2"))
    queue.clear()  # a session that is gone: nothing is kept
    assert queue.flush() == []
