def text = """|Summary
              |  indented""".stripMargin()
println text
