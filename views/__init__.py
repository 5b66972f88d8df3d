"""The pages of the dashboard (layout only), run by app.py through st.navigation, and the pieces they share:
``layout`` (page context, charts and tables with their downloads, captions), ``session`` (login, cookie)."""
