"""Charts as self-contained HTML pages, and their rendering to PNG by a headless Chromium."""
