def fields = ["Story Points": 5, "team-name": "core"]
println fields."Story Points"
println fields["team-name"]
println fields.'team-name'
