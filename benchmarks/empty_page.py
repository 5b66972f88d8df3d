"""An empty Streamlit page: the floor of a rerun's cost (server start-up of a run, session, messages) for
benchmarks/national.py."""
