"""A stand-in browser run as its own process: ``ta auth login --browser-command`` starts it.

It does what a person's browser does with the authorization URL: follows it at the fake
Schwab server (which logs the user in at once), then visits the callback over TLS trusting
only the certificate ``ta`` made, so the TLS setup is checked too. With ``--forge`` it first
tries a forged state and a wrong path. It writes what it saw to ``--report`` as JSON.

Usage: python scripted_browser.py --cert CERT --report REPORT [--forge] URL
"""

import json
import ssl
import sys
from pathlib import Path

import httpx


def main(argv: list[str]) -> int:
    url = argv[-1]
    cert = Path(argv[argv.index("--cert") + 1])
    report = Path(argv[argv.index("--report") + 1])
    seen: dict[str, object] = {"forged": [], "responses": []}
    try:
        authorization = httpx.get(url, follow_redirects=False)
        redirect = authorization.headers["location"]
        context = ssl.create_default_context(cafile=str(cert))
        with httpx.Client(verify=context) as client:
            if "--forge" in argv:
                forged = [
                    client.get(redirect.replace("state=", "state=x")).status_code,
                    client.get(redirect.replace("/callback?", "/elsewhere?")).status_code,
                ]
                seen["forged"] = forged
            answer = client.get(redirect)
            seen["responses"] = [
                {
                    "status": answer.status_code,
                    "connection": answer.headers.get("connection"),
                    "url": str(answer.request.url),
                }
            ]
    finally:
        report.write_text(json.dumps(seen), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
