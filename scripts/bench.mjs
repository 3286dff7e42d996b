// `npm run bench`: the project's performance measurements (medians over
// several runs, printed as a table and as JSON). The outbox and printer
// benchmarks arrive with those features.
console.log('no benchmarks yet');
