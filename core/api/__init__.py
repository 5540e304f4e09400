"""The API base every app shares: one error shape, pagination, throttles, conditional
GET, serializer fields and the schema fragments that document them."""
