"""The in-class challenge's live leaderboard: a Starlette web service over an SQLAlchemy database.

`visiondl leaderboard create | serve | reveal | standings` (see `cli.py`); students submit with
`visiondl.challenge.submit`. Modules: `rules` (pure scoring and checks), `models` (the tables), `store` (the database),
`app` (the web app and its page), `cli` (the commands).
"""
