"""The staff dashboard: server-rendered pages and their inline SVG charts."""
