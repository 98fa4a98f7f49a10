from graphql_relay import to_global_id

__all__ = ["to_global_id"]
