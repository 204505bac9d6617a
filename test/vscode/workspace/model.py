from keras import Sequential, layers

model = Sequential([
    layers.Input(shape=(784,)),
    layers.Dense(256, use_bias=False),
    layers.Dropout(0.5),
    layers.BatchNormalization(momentum=0.9),
    layers.Activation("relu"),
    layers.Dense(10, activation="softmax"),
])
