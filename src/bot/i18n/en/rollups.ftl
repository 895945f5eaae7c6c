# Township and county figures come from the scheduled rollup, not live: say when they were computed.
home-figures-as-of = Figures as of { $time }, updated every 15 minutes
