"""`lzlint serve`: takes uploaded drafts over HTTP, gives the same findings and review outputs as the command line.

One concept per module: limits.py (what one request may use, and the
Chinese refusal for each limit), uploads.py (reading a multipart body within
the limits), check.py (what a worker does with the uploads of one request,
in a temporary folder removed before it returns), pool.py (the bounded
worker pool and queue), guard.py (access token, same-origin posts, response
headers, the access log of sizes, codes and timings), app.py (the routes),
server.py (starting Uvicorn). The page itself is in assets/: plain HTML, CSS
and JS, loaded from this server only.

Needs the `web` extra (Starlette, Uvicorn, python-multipart).
"""
