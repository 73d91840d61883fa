import json
import logging

from voorop.core.logging import JsonFormatter, RequestIdFilter, request_id_var


def test_log_lines_are_json_with_request_id_and_extra_fields():
    record = logging.makeLogRecord(
        {
            "name": "voorop.test",
            "levelname": "INFO",
            "msg": "hello %s",
            "args": ("world",),
            "status": 200,
        }
    )
    token = request_id_var.set("req-1")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "hello world"
    assert line["level"] == "info"
    assert line["request_id"] == "req-1"
    assert line["status"] == 200
