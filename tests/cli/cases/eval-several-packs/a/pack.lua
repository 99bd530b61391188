pack { id = "a", title = "a", version = "1.0.0", modules = { "c.lua" } }
