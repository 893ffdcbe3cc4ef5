"""The programme domain's page (会议日程) and its item dialog."""
