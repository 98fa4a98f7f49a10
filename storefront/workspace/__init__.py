"""The artisan's and the cluster manager's workspace: server-rendered pages under
/<lang>/workspace/, each section a module of its own calling the domain's services."""
