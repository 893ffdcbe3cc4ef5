"""The people pages: roster, import, directory and sign-in."""
