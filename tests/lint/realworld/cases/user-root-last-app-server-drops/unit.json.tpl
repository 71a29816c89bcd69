{
  "listeners": { "*:8000": { "pass": "applications/analytics" } },
  "applications": {
    "analytics": { "type": "python 3.11", "working_directory": "/code", "path": ".", "module": "analytics.wsgi", "user": "nobody" }
  }
}
