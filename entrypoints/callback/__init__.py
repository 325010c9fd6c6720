"""The OAuth redirect: a raw ASGI app served over https on 127.0.0.1 for one login.

Nothing is imported from uvicorn or cryptography until a login actually serves the callback.
"""
