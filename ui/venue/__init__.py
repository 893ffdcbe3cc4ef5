"""The venue domain's page (会场布置): bookings, each hall's set-up, its dialogs and table models."""
