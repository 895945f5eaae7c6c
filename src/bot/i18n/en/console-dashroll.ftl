# When the dashboard's figures come from the scheduled rollup, say when they were computed; live before the month's first run.
console-dashboard-as-of = Figures as of { $time }, updated every 15 minutes
console-dashboard-live = Figures counted just now
