"""Speed and memory benchmark: the library, the CLI, the HTTP service and sumy's LexRank against the floor.

The floor is the least any embedding summariser must spend: the input's unique sentences (those the pipeline's
deduplicate stage keeps, as the pipeline embeds them) encoded once by the same model, batch size and threads.
Every measured thing runs in a subprocess of its own, whose peak RSS is read with `os.wait4`.

    python -m benchmarks.speed            # full run (~20 min on 2 cores); writes docs/benchmarks/speed.{md,json,png}
    python -m benchmarks.speed --quick    # seeds only, few repeats; prints the table, writes nothing

One module a job: `plan` (what to run), `inputs` (what to run it on), `worker` (the measuring processes),
`measure` (the run, into `results.Results`), `derive` (the headline numbers), `report` (the tables and plot).
"""
