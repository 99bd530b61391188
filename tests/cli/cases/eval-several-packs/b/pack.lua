pack { id = "b", title = "b", version = "1.0.0", modules = { "c.lua" } }
