"""JSON for the OpenSearch client through orjson.

Bulk bodies of a full build are tens of megabytes; json.dumps was a tenth of the
build's Python time. Documents here hold only JSON-ready values (str, numbers,
lists, dicts), so orjson's defaults are enough.
"""

from __future__ import annotations

from typing import Any

import orjson
from opensearchpy.exceptions import SerializationError
from opensearchpy.serializer import JSONSerializer


class OrjsonSerializer(JSONSerializer):
    def dumps(self, data: Any) -> str:
        if isinstance(data, str):
            return data
        try:
            return orjson.dumps(data, default=self.default).decode("utf-8")
        except (TypeError, orjson.JSONEncodeError) as error:
            raise SerializationError(data, error) from error

    def loads(self, s: str) -> Any:
        try:
            return orjson.loads(s)
        except orjson.JSONDecodeError as error:
            raise SerializationError(s, error) from error
