// Each test class runs its own broker and shadow service on free ports: classes may run side by side.
[assembly: Parallelize(Scope = ExecutionScope.ClassLevel, Workers = 2)]
